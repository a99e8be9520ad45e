package app.kftray.ui.swt.internal;

import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.widgets.Control;

/** Names for controls that have no caption of their own, for screen readers (and the tests that check them). */
final class Accessibility {
    /** Widget data key holding the name given here. */
    static final String NAME_KEY = "kftray.accessibleName";

    private Accessibility() {
    }

    /**
     * @param control a control without a visible caption
     * @param name    what a screen reader says for it
     * @return the control
     */
    static <C extends Control> C name(C control, String name) {
        control.setData(NAME_KEY, name);
        control.getAccessible().addAccessibleListener(new AccessibleAdapter() {
            @Override
            public void getName(AccessibleEvent e) {
                if (e.childID == org.eclipse.swt.accessibility.ACC.CHILDID_SELF) {
                    e.result = name;
                }
            }
        });
        return control;
    }
}
