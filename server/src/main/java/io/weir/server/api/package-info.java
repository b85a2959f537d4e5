/**
 * The REST API's request and response bodies, as plain records that serialize to and from JSON
 * field by field (record component names are the JSON keys; null components are left out).
 * Shared by the server and the CLI's HTTP client, so both agree on every field.
 *
 * <p>May import the JDK only.
 */
package io.weir.server.api;
