package com.eusate.login.spring;

import com.eusate.login.signin.SateLoginEvent;
import com.eusate.login.signin.SateLoginListener;
import java.util.ArrayList;
import java.util.List;

/** Every {@link SateLoginListener} bean, and the {@code listener} property's, each told every event. */
final class CompositeListener implements SateLoginListener {

    private static final System.Logger LOG = System.getLogger("com.eusate.login.SateLoginFilter");

    private final List<SateLoginListener> listeners;

    CompositeListener(List<SateLoginListener> beans, SateLoginListener fromProperty) {
        List<SateLoginListener> all = new ArrayList<>(beans);
        if (fromProperty != null) {
            all.add(fromProperty);
        }
        this.listeners = List.copyOf(all);
    }

    @Override
    public void onEvent(SateLoginEvent event) {
        for (SateLoginListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                // the class only, as the core logs it: the app's message may carry line breaks or personal data
                LOG.log(System.Logger.Level.WARNING, "SateLoginListener {0} failed on {1}: {2}",
                        listener.getClass().getName(), event.type(), e.getClass().getName());
            }
        }
    }

    @Override
    public String toString() {
        return "listeners" + listeners.stream().map(l -> l.getClass().getSimpleName()).toList();
    }
}
