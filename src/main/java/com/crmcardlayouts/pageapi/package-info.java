/**
 * What every page-API request shares, whichever feature serves it: who calls ({@link com.crmcardlayouts.pageapi.Caller}),
 * how its JSON body is read ({@link com.crmcardlayouts.pageapi.JsonInput}), and how it is refused
 * ({@link com.crmcardlayouts.pageapi.Refusal}, {@link com.crmcardlayouts.pageapi.ErrorCode}). Features
 * ({@code cardlayouts}, {@code admin}) depend on it; it depends on no feature.
 */
package com.crmcardlayouts.pageapi;
