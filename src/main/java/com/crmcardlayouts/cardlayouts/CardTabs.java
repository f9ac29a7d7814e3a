package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.settings.Settings;
import com.crmcardlayouts.settings.SettingsStore;
import com.crmcardlayouts.bitrix24.ActingUser;
import com.crmcardlayouts.bitrix24.Batch;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.CrmTypes;
import com.crmcardlayouts.bitrix24.Layouts;
import com.crmcardlayouts.bitrix24.Page;
import com.crmcardlayouts.bitrix24.PortalUser;
import com.crmcardlayouts.bitrix24.Profile;
import com.crmcardlayouts.requests.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Works out what the card tab offers a viewer: their rights, the portal's settings and the card's
 * category, all asked of Bitrix24 in one request (a batch), whatever the viewer and the card.
 */
@ApplicationScoped
public class CardTabs {

    private static final Logger LOG = Logger.getLogger(CardTabs.class);

    private final SettingsStore settings;
    private final Bitrix24Client client;

    public CardTabs(SettingsStore settings, Bitrix24Client client) {
        this.settings = settings;
        this.client = client;
    }

    /**
     * @return empty when the portal lets only layout managers use the tab and this viewer is none
     * @throws TabSwitchedOff    when the portal's settings switch the tab off for this card
     * @throws Bitrix24Exception when Bitrix24 cannot say who the viewer is
     */
    public Optional<CardTab> open(long portalId, long userId, CardContext card) {
        Settings current = settings.forPortal(portalId);
        Optional<CardType> switchedOff = card.entityType().cardType().filter(tab -> !current.showsTab(tab));
        if (switchedOff.isPresent()) {
            throw new TabSwitchedOff(switchedOff.get());
        }
        // Everything the tab may need, in one request: what is not needed for this viewer is simply not used.
        Batch batch = client.batch(ActingUser.of(portalId, userId));
        Batch.Answer<Profile> profile = batch.add(Profile.current());
        Batch.Answer<Boolean> managesLayouts = batch.add(Layouts.mayChangeOthers(card.entityType(), userId));
        Batch.Answer<Page<PortalUser>> colleagues = batch.add(PortalUser.active(0));
        Optional<Batch.Answer<Optional<Integer>>> category = card.itemId().filter(id -> card.entityType().acceptsCategory())
                .map(id -> batch.add(CrmTypes.categoryOf(card.entityType(), id)));
        batch.run(client.deadline());

        boolean portalAdmin = profile.get().admin();
        // Bitrix24 short-circuits the CRM settings right to true for portal administrators.
        Caller caller = new Caller(portalId, userId, portalAdmin, portalAdmin || managesLayouts.get());
        if (!current.admits(caller)) {
            return Optional.empty();
        }
        List<Colleague> picked = caller.managesLayouts() ? colleagues(colleagues) : List.of();
        return Optional.of(new CardTab(caller, card, category.flatMap(CardTabs::category), current.letsResetOwn(caller), picked));
    }

    /** The first page of active users ({@code user.get} pages by 50); the tab also takes a typed user id. */
    private static List<Colleague> colleagues(Batch.Answer<Page<PortalUser>> answer) {
        try {
            return answer.get().items().stream().map(user -> new Colleague(user.id(), user.displayName())).toList();
        } catch (Bitrix24Exception e) {
            return List.of();
        }
    }

    /** Empty when Bitrix24 does not say; the tab then asks for it. */
    private static Optional<Integer> category(Batch.Answer<Optional<Integer>> answer) {
        try {
            return answer.get();
        } catch (Bitrix24Exception e) {
            LOG.debugf("The category of the open card could not be read: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
