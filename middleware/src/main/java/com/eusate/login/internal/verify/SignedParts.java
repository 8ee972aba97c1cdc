package com.eusate.login.internal.verify;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The three parts of a compact JWS as java-jwt's {@code Algorithm.verify} reads them: header, payload
 * and signature, as text, and the {@code kid} (RSA and EC key providers look the key up by it).
 * Nothing else of java-jwt's decoding is used, so nothing else is offered. Immutable.
 */
final class SignedParts implements DecodedJWT {

    private final String token;
    private final int firstDot;
    private final int secondDot;
    private final String keyId;

    SignedParts(String token, int firstDot, int secondDot, String keyId) {
        this.token = token;
        this.firstDot = firstDot;
        this.secondDot = secondDot;
        this.keyId = keyId;
    }

    @Override
    public String getToken() {
        return token;
    }

    @Override
    public String getHeader() {
        return token.substring(0, firstDot);
    }

    @Override
    public String getPayload() {
        return token.substring(firstDot + 1, secondDot);
    }

    @Override
    public String getSignature() {
        return token.substring(secondDot + 1);
    }

    private static UnsupportedOperationException notForSignatures() {
        return new UnsupportedOperationException("only the parts are available for the signature check");
    }

    @Override
    public String getAlgorithm() {
        throw notForSignatures();
    }

    @Override
    public String getType() {
        throw notForSignatures();
    }

    @Override
    public String getContentType() {
        throw notForSignatures();
    }

    @Override
    public String getKeyId() {
        return keyId;
    }

    @Override
    public Claim getHeaderClaim(String name) {
        throw notForSignatures();
    }

    @Override
    public String getIssuer() {
        throw notForSignatures();
    }

    @Override
    public String getSubject() {
        throw notForSignatures();
    }

    @Override
    public List<String> getAudience() {
        throw notForSignatures();
    }

    @Override
    public Date getExpiresAt() {
        throw notForSignatures();
    }

    @Override
    public Date getNotBefore() {
        throw notForSignatures();
    }

    @Override
    public Date getIssuedAt() {
        throw notForSignatures();
    }

    @Override
    public String getId() {
        throw notForSignatures();
    }

    @Override
    public Claim getClaim(String name) {
        throw notForSignatures();
    }

    @Override
    public Map<String, Claim> getClaims() {
        throw notForSignatures();
    }
}
