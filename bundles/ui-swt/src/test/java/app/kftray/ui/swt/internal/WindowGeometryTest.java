package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.eclipse.swt.graphics.Rectangle;
import org.junit.jupiter.api.Test;

class WindowGeometryTest {
    private static final Rectangle SCREEN = new Rectangle(0, 0, 1024, 600);

    @Test
    void boundsRoundTripAndAreKeptOnTheScreen() {
        Rectangle bounds = new Rectangle(40, 30, 900, 520);
        assertEquals(Optional.of(bounds), WindowGeometry.parse(WindowGeometry.format(bounds), SCREEN));
        assertEquals(Optional.of(new Rectangle(10, 10, 1024, 600)), WindowGeometry.parse("10,10,3000,2000", SCREEN),
                "no bigger than the screen");
        assertEquals(Optional.of(new Rectangle(0, 0, 640, 400)), WindowGeometry.parse("0,0,10,10", SCREEN),
                "no smaller than usable");
    }

    @Test
    void malformedOrOffScreenPlacesAreNotUsed() {
        assertEquals(Optional.empty(), WindowGeometry.parse("5000,5000,800,500", SCREEN));
        assertEquals(Optional.empty(), WindowGeometry.parse("a,b,c,d", SCREEN));
        assertEquals(Optional.empty(), WindowGeometry.parse("1,2,3", SCREEN));
        assertEquals(Optional.empty(), WindowGeometry.parse(null, SCREEN));
    }
}
