package com.crmcardlayouts.bitrix24;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The Bitrix24 OAuth server (oauth.bitrix.info): the only party trusted to vouch for a token.
 * Clients with their own timeouts: verification sits in the path of events Bitrix24 expects
 * answered within seconds, while a refresh must not be cut short once the server may have rotated
 * the pair (a rotation whose answer is dropped kills the chain).
 */
final class OAuthServerApi {

    private OAuthServerApi() {
    }

    @RegisterRestClient(configKey = "bitrix24-oauth-verify")
    interface Verification {
        @GET
        @Path("/rest/app.info")
        Response appInfo(@QueryParam("auth") String accessToken);
    }

    @RegisterRestClient(configKey = "bitrix24-oauth-token")
    interface TokenEndpoint {
        /** Refresh with the client secret in the POST body, never in a URL. */
        @POST
        @Path("/oauth/token/")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        Response token(MultivaluedMap<String, String> form);
    }
}
