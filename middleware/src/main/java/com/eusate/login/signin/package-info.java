/**
 * The login side's API: what an integrator builds, implements or receives around
 * {@link com.eusate.login.SateLoginFilter}. Start at {@link com.eusate.login.signin.SateLoginConfig}.
 */
package com.eusate.login.signin;
