package com.crmcardlayouts.bitrix24;

import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/** A portal's REST API; the base URL is the portal's verified {@code client_endpoint}. */
@RegisterRestClient(configKey = "bitrix24-portal")
interface PortalApi {

    @POST
    @Path("/{method}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response call(@Url String clientEndpoint, @PathParam("method") String method,
                  @HeaderParam("Authorization") String authorization, Map<String, Object> params);

    /**
     * The same API with short timeouts, for the quick questions asked while Bitrix24 waits for an
     * answer (is this user an administrator?): events must be answered within seconds.
     */
    @RegisterRestClient(configKey = "bitrix24-portal-quick")
    interface Quick extends PortalApi {
    }
}
