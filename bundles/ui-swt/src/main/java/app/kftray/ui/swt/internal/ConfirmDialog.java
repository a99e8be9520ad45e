package app.kftray.ui.swt.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * A yes/no question in a small modal window. Unlike a native message box it does not run a
 * nested event loop: the answer arrives as a callback, so the UI thread never blocks.
 */
final class ConfirmDialog {
    private ConfirmDialog() {
    }

    /**
     * @param parent   the window it belongs to
     * @param title    window title
     * @param question what to confirm
     * @param onYes    runs when the user confirms
     */
    static void open(Shell parent, String title, String question, Runnable onYes) {
        Shell shell = WidgetIds.name(new Shell(parent, SWT.DIALOG_TRIM | SWT.APPLICATION_MODAL), "confirm");
        shell.setText(title);
        shell.setLayout(new GridLayout(2, true));
        Label label = WidgetIds.name(new Label(shell, SWT.WRAP), "confirm.question");
        label.setText(question);
        GridData wide = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        wide.widthHint = 360;
        label.setLayoutData(wide);
        Button yes = answer(shell, "confirm.yes", "Yes");
        answer(shell, "confirm.no", "No");
        yes.addListener(SWT.Selection, e -> onYes.run());
        shell.setDefaultButton(yes);
        shell.pack();
        shell.open();
    }

    private static Button answer(Shell shell, String id, String text) {
        Button button = WidgetIds.name(new Button(shell, SWT.PUSH), id);
        button.setText(text);
        button.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        button.addListener(SWT.Selection, e -> shell.dispose());
        return button;
    }
}
