package com.crmcardlayouts.web;

import com.crmcardlayouts.settings.Settings;
import com.crmcardlayouts.settings.SettingsReader;
import com.crmcardlayouts.settings.SettingsUpdater;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;

import java.util.Map;

/** The console's JSON API for a portal's settings; portal administrators only. */
@Path("/api/settings")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SettingsApi {

    private final SettingsUpdater updater;
    private final SessionGuard guard;

    public SettingsApi(SettingsUpdater updater, SessionGuard guard) {
        this.updater = updater;
        this.guard = guard;
    }

    /** {@code {"tabs": ["LEAD", "DEAL"], "nonAdminsMayUse": true, "usersMayResetOwn": false}} */
    @PUT
    public Map<String, Object> update(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        Settings wanted = SettingsReader.read(body);
        AppSession session = guard.requireAdmin(authorization);
        return Map.of("result", true, "auditId", updater.update(session.caller(), wanted));
    }
}
