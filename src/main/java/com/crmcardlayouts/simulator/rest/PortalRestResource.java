package com.crmcardlayouts.simulator.rest;

import com.crmcardlayouts.simulator.BearerToken;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A portal's REST API: {@code GET|POST /simulator/portal/{code}/rest/{method}[.json]} with an OAuth
 * token, and {@code /simulator/portal/{code}/rest/{userId}/{webhook}/{method}} for incoming webhooks.
 * Parameters come from the query string overlaid by the body (JSON or form with PHP bracket keys).
 */
@Path("/simulator/portal/{code}/rest")
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class PortalRestResource {

    static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final Simulator simulator;
    private final RestDispatcher dispatcher;
    private final ObjectMapper mapper;

    PortalRestResource(Simulator simulator, RestDispatcher dispatcher, ObjectMapper mapper) {
        this.simulator = simulator;
        this.dispatcher = dispatcher;
        this.mapper = mapper;
    }

    @GET
    @Path("{method}")
    public Response get(@PathParam("code") String code, @PathParam("method") String method,
                        @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return call(code, method, uri, authorization, null, null, null);
    }

    @POST
    @Path("{method}")
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("code") String code, @PathParam("method") String method, @Context UriInfo uri,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return call(code, method, uri, authorization, contentType, body, null);
    }

    @GET
    @Path("{userId: \\d+}/{webhook}/{method}")
    public Response webhookGet(@PathParam("code") String code, @PathParam("userId") long userId,
                               @PathParam("webhook") String webhook, @PathParam("method") String method,
                               @Context UriInfo uri) {
        return call(code, method, uri, null, null, null, new RestDispatcher.WebhookKey(userId, webhook));
    }

    @POST
    @Path("{userId: \\d+}/{webhook}/{method}")
    @Consumes(MediaType.WILDCARD)
    public Response webhookPost(@PathParam("code") String code, @PathParam("userId") long userId,
                                @PathParam("webhook") String webhook, @PathParam("method") String method,
                                @Context UriInfo uri, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                String body) {
        return call(code, method, uri, null, contentType, body, new RestDispatcher.WebhookKey(userId, webhook));
    }

    private Response call(String code, String method, UriInfo uri, String authorization, String contentType,
                          String body, RestDispatcher.WebhookKey webhook) {
        simulator.delayRequest();
        SimPortal portal = simulator.portal(code).orElse(null);
        if (portal == null) {
            return json(404, mapper.createObjectNode().put("error", "PORTAL_NOT_FOUND")
                    .put("error_description", "Portal not found"));
        }
        ObjectNode params = FormBodyParser.parse(uri.getRequestUri().getRawQuery());
        overlay(params, parseBody(contentType, body));
        RestDispatcher.Credentials credentials = webhook != null ? webhook : token(authorization, params);
        params.remove("auth");
        params.remove("access_token");
        RestDispatcher.RestResponse response = dispatcher.handle(portal, method, credentials, params);
        return json(response.httpStatus(), response.body());
    }

    private ObjectNode parseBody(String contentType, String body) {
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        if (contentType != null && contentType.toLowerCase().contains("json")) {
            try {
                JsonNode parsed = mapper.readTree(body);
                return parsed instanceof ObjectNode object ? object : mapper.createObjectNode();
            } catch (JsonProcessingException e) {
                return mapper.createObjectNode();
            }
        }
        return FormBodyParser.parse(body.trim());
    }

    private static void overlay(ObjectNode params, ObjectNode body) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            params.set(field.getKey(), field.getValue());
        }
    }

    /** Bearer header first, then the {@code auth} and {@code access_token} parameters; array values do not count. */
    private static RestDispatcher.Credentials token(String authorization, ObjectNode params) {
        Optional<String> bearer = BearerToken.of(authorization);
        if (bearer.isPresent()) {
            return new RestDispatcher.AccessToken(bearer.get());
        }
        for (String key : new String[]{"auth", "access_token"}) {
            JsonNode value = params.get(key);
            if (value != null && value.isValueNode() && !value.asText().isEmpty()) {
                return new RestDispatcher.AccessToken(value.asText());
            }
        }
        return new RestDispatcher.NoCredentials();
    }

    private static Response json(int status, JsonNode body) {
        return Response.status(status).type(JSON_UTF8)
                .header("Access-Control-Allow-Origin", "*")
                .entity(PhpJson.write(body)).build();
    }
}
