package app.kftray.ui.swt.internal;

import org.eclipse.swt.widgets.Widget;

/** Names widgets with stable ids (widget data), so the automation hook can find them. */
final class WidgetIds {
    /** The widget data key holding the id. */
    static final String KEY = "kftray.id";

    private WidgetIds() {
    }

    /**
     * @param widget a widget
     * @param id     its id, unique among visible widgets
     * @return the widget
     */
    static <W extends Widget> W name(W widget, String id) {
        widget.setData(KEY, id);
        return widget;
    }

    /**
     * @param widget a widget
     * @return its id, or {@code null}
     */
    static String of(Widget widget) {
        return widget.getData(KEY) instanceof String id ? id : null;
    }
}
