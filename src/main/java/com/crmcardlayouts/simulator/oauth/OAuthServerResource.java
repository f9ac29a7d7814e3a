package com.crmcardlayouts.simulator.oauth;

import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.simulator.BearerToken;
import com.crmcardlayouts.simulator.InjectedFailures;
import com.crmcardlayouts.simulator.rest.PhpJson;
import com.crmcardlayouts.simulator.IssuedTokens;
import com.crmcardlayouts.simulator.LocalServer;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.simulator.TokenRegistry;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated authorization server (oauth.bitrix.info): token refresh at
 * {@code /simulator/oauth/oauth/token/} and token verification at {@code /simulator/oauth/rest/app.info}.
 */
@Path("/simulator/oauth")
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class OAuthServerResource {

    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final Simulator simulator;
    private final TokenRegistry tokens;
    private final LocalServer server;
    private final Bitrix24Config app;

    OAuthServerResource(Simulator simulator, TokenRegistry tokens, LocalServer server, Bitrix24Config app) {
        this.simulator = simulator;
        this.tokens = tokens;
        this.server = server;
        this.app = app;
    }

    @GET
    @Path("oauth/token{slash: /?}")
    public Response tokenByGet(@Context UriInfo uri) {
        return token(uri.getQueryParameters());
    }

    @POST
    @Path("oauth/token{slash: /?}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response tokenByPost(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>(uri.getQueryParameters());
        form.forEach(params::put);
        return token(params);
    }

    private Response token(MultivaluedMap<String, String> params) {
        simulator.delayTokenRequest();
        Optional<InjectedFailures.Failure> injected = simulator.takeTokenEndpointFailure();
        if (injected.isPresent()) {
            return error(injected.get().httpStatus(), injected.get().error(), "Simulated failure");
        }
        if (!app.clientId().equals(params.getFirst("client_id"))) {
            return error(200, "wrong_client", "Wrong client");
        }
        if (!app.clientSecret().equals(params.getFirst("client_secret"))) {
            return error(401, "invalid_client", "Invalid client credentials");
        }
        String refreshToken = params.getFirst("refresh_token");
        if (!"refresh_token".equals(params.getFirst("grant_type"))) {
            return error(400, "invalid_request", "Unsupported grant_type");
        }
        if (refreshToken == null || refreshToken.isEmpty()) {
            return error(400, "invalid_request", "No \"refresh_token\" parameter found");
        }
        TokenRegistry.RefreshOutcome outcome = tokens.refresh(refreshToken);
        if (outcome instanceof TokenRegistry.Refreshed refreshed) {
            SimPortal portal = refreshed.portal();
            IssuedTokens issued = refreshed.tokens();
            portal.countTokenRefresh(issued.userId());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", issued.accessToken());
            body.put("expires", issued.expiresAt().getEpochSecond());
            body.put("expires_in", issued.expiresInSeconds());
            // A refresh answer names the OAuth server's own scope, not the app's (as recorded refresh answers do).
            body.put("scope", "app");
            body.put("domain", server.domain());
            body.put("server_endpoint", portal.serverEndpoint());
            body.put("status", SimPortal.APP_STATUS);
            body.put("client_endpoint", portal.clientEndpoint());
            body.put("member_id", portal.memberId());
            body.put("user_id", issued.userId());
            body.put("refresh_token", issued.refreshToken());
            return json(200, body);
        }
        Optional<TokenRegistry.RefreshGrant> known = ((TokenRegistry.Rejected) outcome).known();
        known.ifPresent(grant -> grant.portal().countTokenRefresh(grant.userId()));
        if (known.isPresent() && known.get().portal().appUninstalled()) {
            // What Bitrix24 answers for a refresh token of an app that was uninstalled (app-lifecycle §2.6).
            return error(401, "NOT_INSTALLED", "Application not installed");
        }
        return error(400, "invalid_grant", "Invalid grant");
    }

    @GET
    @Path("rest/app.info{json: (\\.json)?}")
    public Response appInfoByGet(@Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return appInfo(uri.getQueryParameters(), authorization);
    }

    @POST
    @Path("rest/app.info{json: (\\.json)?}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response appInfoByPost(@Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  MultivaluedMap<String, String> form) {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>(uri.getQueryParameters());
        form.forEach(params::put);
        return appInfo(params, authorization);
    }

    private Response appInfo(MultivaluedMap<String, String> params, String authorization) {
        simulator.delayRequest();
        String token = BearerToken.of(authorization)
                .orElseGet(() -> Optional.ofNullable(params.getFirst("auth")).orElse(params.getFirst("access_token")));
        Optional<TokenRegistry.AccessGrant> grant = tokens.access(token);
        if (grant.isEmpty()) {
            return error(401, "invalid_token", "The access token provided is invalid.");
        }
        SimPortal portal = grant.get().portal();
        portal.countAppInfo();
        if (grant.get().expired()) {
            return error(401, "expired_token", "The access token provided has expired");
        }
        Map<String, Object> install = new LinkedHashMap<>();
        install.put("installed", portal.appInstalled());
        install.put("version", portal.appVersion());
        install.put("status", SimPortal.APP_STATUS);
        install.put("scope", portal.appScope());
        install.put("domain", portal.domain());
        install.put("uri", portal.uri());
        install.put("client_endpoint", portal.clientEndpoint());
        install.put("member_id", portal.memberId());
        install.put("member_type", "PORTAL");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scope", grant.get().scope());
        result.put("client_id", app.clientId());
        result.put("expires", grant.get().expiresAt().getEpochSecond());
        result.put("user_id", grant.get().userId());
        result.put("install", install);
        return json(200, Map.of("result", result));
    }

    private static Response error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body);
    }

    private static Response json(int status, Map<String, Object> body) {
        return Response.status(status).type(JSON_UTF8).entity(PhpJson.write(body)).build();
    }
}
