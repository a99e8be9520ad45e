package app.kftray.launcher.boot;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Reads Declarative Services component states from the SCR runtime service. The
 * launcher lives outside the framework, so it reads the runtime's DTOs reflectively
 * instead of sharing the {@code org.osgi.service.component.runtime} package.
 */
public final class ComponentStatus {
    private static final String RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    private static final int SATISFIED = 4;
    private static final int ACTIVE = 8;

    /**
     * @param satisfied   components whose references and configuration are satisfied
     * @param unsatisfied descriptions of enabled components that are not, with the missing references
     */
    public record Snapshot(int satisfied, List<String> unsatisfied) {
        public boolean allSatisfied() {
            return unsatisfied.isEmpty();
        }
    }

    private ComponentStatus() {
    }

    /** @return the current states, or {@code null} while no SCR runtime is registered */
    static Snapshot read(BundleContext context) {
        ServiceReference<?> ref = context.getServiceReference(RUNTIME);
        if (ref == null) {
            return null;
        }
        Object runtime = context.getService(ref);
        try {
            return snapshot(runtime);
        } catch (ReflectiveOperationException e) {
            throw new LauncherException("cannot read component states: " + e, e);
        } finally {
            context.ungetService(ref);
        }
    }

    private static Snapshot snapshot(Object runtime) throws ReflectiveOperationException {
        Class<?> api = implemented(runtime.getClass(), RUNTIME);
        Method descriptions = api.getMethod("getComponentDescriptionDTOs", Bundle[].class);
        int satisfied = 0;
        List<String> unsatisfied = new ArrayList<>();
        for (Object description : (Collection<?>) descriptions.invoke(runtime, (Object) new Bundle[0])) {
            if (!(Boolean) api.getMethod("isComponentEnabled", description.getClass()).invoke(runtime, description)) {
                continue;
            }
            Method configurations = api.getMethod("getComponentConfigurationDTOs", description.getClass());
            for (Object configuration : (Collection<?>) configurations.invoke(runtime, description)) {
                int state = configuration.getClass().getField("state").getInt(configuration);
                if (state == SATISFIED || state == ACTIVE) {
                    satisfied++;
                } else {
                    unsatisfied.add(describe(description, configuration));
                }
            }
        }
        return new Snapshot(satisfied, unsatisfied);
    }

    /**
     * A service's methods are called through its interface: its implementation class is private
     * to its bundle.
     *
     * @param type          a service object's class
     * @param interfaceName the service interface
     * @return that interface, as the service's bundle sees it
     */
    static Class<?> implemented(Class<?> type, String interfaceName) throws ClassNotFoundException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> candidate : c.getInterfaces()) {
                if (candidate.getName().equals(interfaceName)) {
                    return candidate;
                }
            }
        }
        throw new ClassNotFoundException(interfaceName + " not implemented by " + type);
    }

    private static String describe(Object description, Object configuration) throws ReflectiveOperationException {
        String name = (String) description.getClass().getField("name").get(description);
        Object[] missing = (Object[]) configuration.getClass().getField("unsatisfiedReferences").get(configuration);
        List<String> references = new ArrayList<>();
        for (Object reference : missing) {
            references.add((String) reference.getClass().getField("name").get(reference));
        }
        return references.isEmpty() ? name : name + " (missing " + String.join(", ", references) + ")";
    }
}
