/**
 * Not API: internals shared by both sides (setting declarations and init-param parsing, keys, MACs,
 * redaction). Public only so that the filters and the other internal packages can reach them; any of
 * it may change in any release.
 */
package com.eusate.login.internal;
