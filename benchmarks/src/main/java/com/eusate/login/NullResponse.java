package com.eusate.login;

/** An HttpServletResponse that accepts everything and does nothing; see {@link NullRequest}. */
@SuppressWarnings({"deprecation", "rawtypes"})
class NullResponse implements jakarta.servlet.http.HttpServletResponse {
    @Override
    public void addCookie(jakarta.servlet.http.Cookie a0) {
        // no-op
    }
    @Override
    public void addDateHeader(java.lang.String a0, long a1) {
        // no-op
    }
    @Override
    public void addHeader(java.lang.String a0, java.lang.String a1) {
        // no-op
    }
    @Override
    public void addIntHeader(java.lang.String a0, int a1) {
        // no-op
    }
    @Override
    public boolean containsHeader(java.lang.String a0) {
        return false;
    }
    @Override
    public java.lang.String encodeRedirectURL(java.lang.String a0) {
        return null;
    }
    @Override
    public java.lang.String encodeURL(java.lang.String a0) {
        return null;
    }
    @Override
    public void flushBuffer() throws java.io.IOException {
        // no-op
    }
    @Override
    public int getBufferSize() {
        return 0;
    }
    @Override
    public java.lang.String getCharacterEncoding() {
        return null;
    }
    @Override
    public java.lang.String getContentType() {
        return null;
    }
    @Override
    public java.lang.String getHeader(java.lang.String a0) {
        return null;
    }
    @Override
    public java.util.Collection<java.lang.String> getHeaderNames() {
        return null;
    }
    @Override
    public java.util.Collection<java.lang.String> getHeaders(java.lang.String a0) {
        return null;
    }
    @Override
    public java.util.Locale getLocale() {
        return null;
    }
    @Override
    public jakarta.servlet.ServletOutputStream getOutputStream() throws java.io.IOException {
        return null;
    }
    @Override
    public int getStatus() {
        return 0;
    }
    @Override
    public java.io.PrintWriter getWriter() throws java.io.IOException {
        return null;
    }
    @Override
    public boolean isCommitted() {
        return false;
    }
    @Override
    public void reset() {
        // no-op
    }
    @Override
    public void resetBuffer() {
        // no-op
    }
    @Override
    public void sendError(int a0) throws java.io.IOException {
        // no-op
    }
    @Override
    public void sendError(int a0, java.lang.String a1) throws java.io.IOException {
        // no-op
    }
    @Override
    public void sendRedirect(java.lang.String a0) throws java.io.IOException {
        // no-op
    }
    @Override
    public void setBufferSize(int a0) {
        // no-op
    }
    @Override
    public void setCharacterEncoding(java.lang.String a0) {
        // no-op
    }
    @Override
    public void setContentLength(int a0) {
        // no-op
    }
    @Override
    public void setContentLengthLong(long a0) {
        // no-op
    }
    @Override
    public void setContentType(java.lang.String a0) {
        // no-op
    }
    @Override
    public void setDateHeader(java.lang.String a0, long a1) {
        // no-op
    }
    @Override
    public void setHeader(java.lang.String a0, java.lang.String a1) {
        // no-op
    }
    @Override
    public void setIntHeader(java.lang.String a0, int a1) {
        // no-op
    }
    @Override
    public void setLocale(java.util.Locale a0) {
        // no-op
    }
    @Override
    public void setStatus(int a0) {
        // no-op
    }
}
