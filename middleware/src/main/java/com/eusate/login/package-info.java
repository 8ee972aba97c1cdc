/**
 * The two filters, at the names {@code web.xml} uses. {@link com.eusate.login.SateLoginFilter} is
 * the login side: it captures Sate's state on the app's login page, asks the signed-in customer's
 * consent, and delivers a token to Sate; its API is in {@link com.eusate.login.signin}.
 * {@link com.eusate.login.SateTokenFilter} is the function side: it verifies the tokens Sate presents
 * to the app's functions; its API is in {@link com.eusate.login.verify}. Nothing in
 * {@code com.eusate.login.internal} and below is API.
 */
package com.eusate.login;
