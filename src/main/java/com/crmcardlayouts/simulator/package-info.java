/**
 * A built-in Bitrix24 simulator for the dev, test and demo builds (a production build has none of
 * its beans or endpoints). It plays the external system: an OAuth server and portals that the app
 * reaches over real HTTP on its own port, always as {@code 127.0.0.1}.
 *
 * <table>
 *   <caption>URLs</caption>
 *   <tr><th>Path</th><th>What</th></tr>
 *   <tr><td>{@code GET|POST /simulator/oauth/oauth/token/}</td><td>token refresh (rotates both tokens)</td></tr>
 *   <tr><td>{@code GET|POST /simulator/oauth/rest/app.info?auth=TOKEN}</td><td>token verification</td></tr>
 *   <tr><td>{@code GET|POST /simulator/portal/{code}/rest/{method}[.json]}</td><td>portal REST, OAuth token</td></tr>
 *   <tr><td>{@code GET|POST /simulator/portal/{code}/rest/{userId}/{webhook}/{method}}</td><td>portal REST, incoming webhook</td></tr>
 *   <tr><td>{@code GET /simulator}</td><td>portal home: user picker, install/uninstall/update, tools</td></tr>
 *   <tr><td>{@code GET /simulator/app}</td><td>"Application" menu item: installer or app frame</td></tr>
 *   <tr><td>{@code GET /simulator/crm/{lead|deal|contact|company}/{id}}</td><td>CRM card with layout source and the app's tab</td></tr>
 *   <tr><td>{@code GET /simulator/bx24.js}</td><td>the BX24 frame library subset for app pages</td></tr>
 * </table>
 *
 * <p>In tests, inject {@link com.crmcardlayouts.simulator.Simulator}:
 * <pre>{@code
 * @Inject Simulator simulator;
 *
 * SimPortal portal = simulator.portal();          // code "demo"
 * Map<String, String> form = portal.frameForm(1, "DEFAULT", null);
 * given().formParams(form).post("/bitrix24/install?" + portal.frameQuery(1, "en"));
 * portal.finishInstall();                         // ONAPPINSTALL delivered when this returns
 * portal.expireAllAccessTokens();
 * assertEquals(1, portal.tokenRefreshCount());
 * }</pre>
 */
package com.crmcardlayouts.simulator;
