package com.eusate.login;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The init-params of a web.xml filter declaration, as the container hands them to init(). */
final class InitParamsFixture implements FilterConfig {
    private final Map<String, String> params = new LinkedHashMap<>();

    InitParamsFixture with(String name, String value) {
        params.put(name, value);
        return this;
    }

    InitParamsFixture without(String name) {
        params.remove(name);
        return this;
    }

    @Override
    public String getFilterName() {
        return "sate";
    }

    @Override
    public ServletContext getServletContext() {
        return null;
    }

    @Override
    public String getInitParameter(String name) {
        return params.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(params.keySet());
    }
}
