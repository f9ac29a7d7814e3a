package com.crmcardlayouts.simulator;

import java.util.List;

/**
 * The users every simulated portal starts with. The app's behaviour depends on three kinds of user,
 * which tests and the simulator's pages refer to by these ids.
 */
public final class SimUsers {

    /** Anna Admin: portal administrator; installs the app and binds its placements. */
    public static final long ADMIN = 1;
    /** Max Manager: CRM role "Allow to change settings" without being a portal administrator. */
    public static final long CRM_MANAGER = 2;
    /** Paula Plain: reads the CRM and may change only her own card layouts. */
    public static final long PLAIN_USER = 3;

    private SimUsers() {
    }

    /** A new portal's users, ordered by id: the three above plus two more plain users, 4 and 5. */
    static List<SimUser> initial() {
        return List.of(
                new SimUser(ADMIN, "Anna", "Admin", "anna@example.test", true, true, false, true),
                new SimUser(CRM_MANAGER, "Max", "Manager", "max@example.test", true, false, true, true),
                new SimUser(PLAIN_USER, "Paula", "Plain", "paula@example.test", true, false, false, true),
                new SimUser(4, "Oscar", "Owens", "oscar@example.test", true, false, false, true),
                new SimUser(5, "Nina", "Novak", "nina@example.test", true, false, false, true));
    }
}
