/**
 * What every page-API request shares, whichever feature serves it: who calls ({@link com.crmcardlayouts.requests.Caller}),
 * how its JSON body is read ({@link com.crmcardlayouts.requests.JsonInput}), and how it is refused
 * ({@link com.crmcardlayouts.requests.Refusal}, {@link com.crmcardlayouts.requests.ErrorCode}). Features
 * ({@code cardlayouts}, {@code admin}) depend on it; it depends on no feature.
 */
package com.crmcardlayouts.requests;
