package app.kftray.ui.tui.internal;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import com.googlecode.lanterna.screen.Screen;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The main screen of the terminal UI for a fixed set of forwards, with no runtime behind it: what
 * the redraw benchmark and the rendering tests draw. Drawing fills the screen's back buffer;
 * showing it ({@link Screen#refresh}) is the caller's.
 */
public final class StaticScreen {
    private final Session session;
    private final Palette palette;

    /**
     * @param configs     the forwards, each with an id
     * @param states      states of some of them (the others are stopped)
     * @param environment {@code NO_COLOR} set means monochrome
     */
    public StaticScreen(List<ForwardConfig> configs, Collection<ForwardState> states, Map<String, String> environment) {
        session = new Session(new LogFollower(null, Runnable::run, Runnable::run));
        session.forwards.setConfigs(configs);
        session.forwards.merge(states);
        session.say(configs.size() + " forwards. Press h for help.", false);
        palette = Palette.of(environment);
    }

    /** @param screen where to draw every cell of the main screen */
    public void draw(Screen screen) {
        MainScreen.draw(new Canvas(screen.newTextGraphics(), palette, screen.getTerminalSize()), session);
    }
}
