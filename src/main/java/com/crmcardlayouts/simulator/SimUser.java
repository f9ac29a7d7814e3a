package com.crmcardlayouts.simulator;

/**
 * A user of a simulated portal with the three permissions the app's behaviour depends on.
 *
 * @param id             portal user id, e.g. {@code 2}
 * @param name           first name, e.g. {@code Max}
 * @param lastName       last name, e.g. {@code Manager}
 * @param email          e.g. {@code max@example.test}
 * @param active         inactive users can no longer use their tokens
 * @param portalAdmin    portal administrator ({@code user.admin}, placement binding, app installation)
 * @param crmConfigWrite CRM role "Allow to change settings": may edit common and other users' card layouts
 * @param crmRead        may read some CRM items; without it every card-configuration call is denied
 */
public record SimUser(long id, String name, String lastName, String email, boolean active,
                      boolean portalAdmin, boolean crmConfigWrite, boolean crmRead) {

    /** Bitrix24's "CRM administrator": a portal admin or a user whose CRM role may change settings. */
    public boolean crmAdmin() {
        return portalAdmin || crmConfigWrite;
    }

    public String fullName() {
        return (name + " " + lastName).trim();
    }

    /** What the user picker shows, e.g. {@code Max Manager (CRM settings)}. */
    public String label() {
        if (portalAdmin) {
            return fullName() + " (portal admin)";
        }
        if (crmConfigWrite) {
            return fullName() + " (CRM settings)";
        }
        return crmRead ? fullName() : fullName() + " (no CRM access)";
    }

    SimUser withPermissions(boolean portalAdmin, boolean crmConfigWrite, boolean crmRead) {
        return new SimUser(id, name, lastName, email, active, portalAdmin, crmConfigWrite, crmRead);
    }

    SimUser withName(String name, String lastName) {
        return new SimUser(id, name, lastName, email, active, portalAdmin, crmConfigWrite, crmRead);
    }

    SimUser withActive(boolean active) {
        return new SimUser(id, name, lastName, email, active, portalAdmin, crmConfigWrite, crmRead);
    }
}
