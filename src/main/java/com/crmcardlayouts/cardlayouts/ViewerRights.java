package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.Deadline;
import com.crmcardlayouts.pageapi.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/** Learns, with the viewer's own token, what Bitrix24 lets them do to card layouts. */
@ApplicationScoped
public class ViewerRights {

    private final Bitrix24Client client;

    public ViewerRights(Bitrix24Client client) {
        this.client = client;
    }

    /**
     * The viewer as a {@link Caller}: a portal administrator ({@code profile.ADMIN}), and whether
     * they hold the CRM right "Allow to change settings".
     *
     * @param probeType an entity type the portal surely has, e.g. the card's own
     * @throws Bitrix24Exception when Bitrix24 cannot answer
     */
    public Caller of(long portalId, long userId, EntityType probeType, Deadline deadline) {
        boolean portalAdmin = isPortalAdmin(portalId, userId, deadline);
        // Bitrix24 short-circuits the CRM settings right to true for portal administrators.
        boolean crmSettings = portalAdmin || mayReadOthersLayouts(portalId, userId, probeType, deadline);
        return new Caller(portalId, userId, portalAdmin, crmSettings);
    }

    /**
     * Whether Bitrix24 names the viewer a portal administrator ({@code profile.ADMIN}); one call.
     *
     * @throws Bitrix24Exception when Bitrix24 cannot answer
     */
    public boolean isPortalAdmin(long portalId, long userId, Deadline deadline) {
        JsonNode profile = client.call(portalId, userId, "profile", Map.of(), deadline);
        return profile.path("ADMIN").asBoolean(false);
    }

    /**
     * Bitrix24 has no REST method that names the CRM role right "Allow to change settings", but its
     * card-configuration methods check exactly that right ({@code isCrmAdmin}) before reading
     * another user's personal layout. So a read-only {@code get} with {@code scope=P} for someone
     * else answers the question without changing anything: {@code Access denied.} means no.
     */
    private boolean mayReadOthersLayouts(long portalId, long userId, EntityType probeType, Deadline deadline) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("scope", "P");
        params.put("userId", userId == 1 ? 2 : 1);
        try {
            Map<String, Object> itemParams = new LinkedHashMap<>(params);
            itemParams.put("entityTypeId", probeType.id());
            client.call(portalId, userId, "crm.item.details.configuration.get", itemParams, deadline);
            return true;
        } catch (Bitrix24Exception.AccessDenied e) {
            return false;
        } catch (Bitrix24Exception.MethodNotFound e) {
            return mayReadOthersLayoutsOnOlderPortal(portalId, userId, params, deadline);
        }
    }

    private boolean mayReadOthersLayoutsOnOlderPortal(long portalId, long userId, Map<String, Object> params, Deadline deadline) {
        try {
            client.call(portalId, userId, "crm.deal.details.configuration.get", params, deadline);
            return true;
        } catch (Bitrix24Exception.AccessDenied e) {
            return false;
        }
    }
}
