package com.crmcardlayouts.simulator.rest;

/** A REST error as Bitrix24 writes it: {@code {"error":…,"error_description":…[,"argument":…]}} with an HTTP status. */
public final class RestError extends RuntimeException {

    private final int httpStatus;
    private final String error;
    private final String argument;

    public RestError(int httpStatus, String error, String description, String argument) {
        super(description, null, false, false);
        this.httpStatus = httpStatus;
        this.error = error;
        this.argument = argument;
    }

    public RestError(int httpStatus, String error, String description) {
        this(httpStatus, error, description, null);
    }

    /** The CRM card-configuration error: HTTP 400 with an empty error code. */
    public static RestError crm(String description) {
        return new RestError(400, "", description);
    }

    /** {@code ERROR_ARGUMENT} with its {@code argument}. */
    public static RestError argument(String description, String argument) {
        return new RestError(400, "ERROR_ARGUMENT", description, argument);
    }

    /** {@code Argument '<name>' is null or empty}. */
    public static RestError nullOrEmpty(String argument) {
        return argument("Argument '" + argument + "' is null or empty", argument);
    }

    /** {@code ACCESS_DENIED}, 403, "Access denied!" plus an optional detail. */
    public static RestError accessDenied(String detail) {
        return new RestError(403, "ACCESS_DENIED", detail == null ? "Access denied!" : "Access denied! " + detail);
    }

    public static RestError methodNotFound() {
        return new RestError(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public String argument() {
        return argument;
    }
}
