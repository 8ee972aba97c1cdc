/**
 * Not API: how {@link com.eusate.login.SateTokenFilter} works: {@code TokenExtractor} finds the token,
 * {@code TokenVerifier} checks it, {@code VerifiedRequest} carries the customer on. Any of it may
 * change in any release.
 */
package com.eusate.login.internal.verify;
