package com.eusate.demo.simulator;

/** The small HTML pieces of the simulator's chat page, every value escaped. */
final class ChatHtml {

    private ChatHtml() {
    }

    static String status(String status, String text) {
        return "<p class=\"sate\" id=\"status\" data-status=\"" + status + "\"><b>Sate:</b> " + escape(text) + "</p>";
    }

    static String toggle(String ctx, String chatId, String what, String label, boolean on) {
        return "<form method=\"post\" action=\"" + escape(ctx + "/sate/chat/" + chatId + "/" + what) + "\">"
                + "<button type=\"submit\" id=\"" + what + "-next\"" + (on ? " disabled" : "") + ">" + escape(label)
                + (on ? " (on)" : "") + "</button></form>";
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
