package app.kftray.emulator;

/** Identifies one incarnation of a pod: a restarted pod has a new name and uid, hence a new handle. */
public record PodHandle(String namespace, String name, String uid) {
}
