package io.holdfast.gateway.http;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;

/**
 * The routes a routing registers, by method and path template ({@code GET /api/v1/orders/{orderId}}),
 * read by running the routing against a recorder. The gateway answers a known path asked with
 * another method with 405 and {@code Allow} from it, and the tests check the contract against it.
 * Helidon keeps its routes to itself, so this is the one list of them.
 */
public final class Routes {

    /** One route: an HTTP method and a path template. */
    public record Route(String method, String path) {

        /** Whether a request path fits this route's template. */
        public boolean matches(String concrete) {
            return pattern(path).matcher(concrete).matches();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options",
            "trace");

    private final List<Route> routes;

    private Routes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** No routes: for a server that answers every unknown request with 404. */
    public static Routes none() {
        return new Routes(List.of());
    }

    /** The routes {@code routing} registers; filters, features and error handlers are passed over. */
    public static Routes of(Consumer<HttpRouting.Builder> routing) {
        List<Route> found = new ArrayList<>();
        routing.accept(recorder("", found));
        return new Routes(found);
    }

    public List<Route> all() {
        return routes;
    }

    /** The methods of the routes whose template fits {@code path}, in order: what {@code Allow} says. */
    public Set<String> methodsAt(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.matches(path)) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    private static HttpRouting.Builder recorder(String prefix, List<Route> found) {
        InvocationHandler handler = new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) {
                String name = method.getName();
                Object[] given = args == null ? new Object[0] : args;
                if (METHODS.contains(name)) {
                    String path = given.length > 0 && given[0] instanceof String text ? text : "/";
                    found.add(new Route(name.toUpperCase(Locale.ROOT), join(prefix, path)));
                } else if (name.equals("register")) {
                    register(given, prefix, found);
                } else if (!Set.of("addFilter", "addFeature", "error", "maxReRouteCount", "security").contains(name)) {
                    throw new UnsupportedOperationException("Routes cannot read a route registered with " + name
                            + "; register it with get, post, put, delete or register");
                }
                return proxy;
            }
        };
        return (HttpRouting.Builder) Proxy.newProxyInstance(Routes.class.getClassLoader(),
                new Class<?>[]{HttpRouting.Builder.class}, handler);
    }

    private static void register(Object[] args, String prefix, List<Route> found) {
        String path = args.length > 0 && args[0] instanceof String text ? text : "";
        for (Object arg : args) {
            for (Object each : arg instanceof Object[] many ? many : arg instanceof List<?> list ? list.toArray()
                    : new Object[]{arg}) {
                Object service = each instanceof Supplier<?> supplier ? supplier.get() : each;
                if (service instanceof HttpService http) {
                    http.routing(recorder(join(prefix, path), found));
                }
            }
        }
    }

    private static String join(String prefix, String path) {
        String tail = path.equals("/") ? "" : path;
        String joined = prefix + tail;
        return joined.isEmpty() ? "/" : joined;
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String segment : template.split("/", -1)) {
            if (!regex.isEmpty() || !segment.isEmpty()) {
                regex.append('/');
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                regex.append("[^/]+");
            } else if (!segment.isEmpty()) {
                regex.append(Pattern.quote(segment));
            }
        }
        return Pattern.compile((regex.isEmpty() ? "/" : regex.toString()) + "/?");
    }
}
