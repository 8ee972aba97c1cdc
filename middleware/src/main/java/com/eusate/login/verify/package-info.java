/**
 * The function side's API: what an integrator builds, implements or receives around
 * {@link com.eusate.login.SateTokenFilter}. Start at {@link com.eusate.login.verify.SateTokenConfig}.
 */
package com.eusate.login.verify;
