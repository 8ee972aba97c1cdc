/**
 * Not API: how {@link com.eusate.login.SateLoginFilter} works, one class per step. {@code LoginFlow}
 * orders the steps: {@code StateCapture}, {@code LoginDetection}, {@code ConsentEndpoint},
 * {@code Decisions}, {@code Handoff}; {@code CallbackClient}, {@code Delivery} and {@code RetryPolicy}
 * deliver the token. Any of it may change in any release.
 */
package com.eusate.login.internal.signin;
