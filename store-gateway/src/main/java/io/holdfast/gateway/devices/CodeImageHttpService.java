package io.holdfast.gateway.devices;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.http.ProblemException;
import io.holdfast.hardware.image.CodeImages;

/**
 * {@code /api/v1/codes}: QR codes and Code 128 barcodes as PNG for the pages (collection codes,
 * store-credit vouchers): {@code /qr?data=...&size=240}, {@code /code128?data=...&width=480&height=120}.
 */
public final class CodeImageHttpService implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        rules.get("/qr", (request, response) ->
                        png(response, () -> CodeImages.qrPng(data(request), number(request, "size", 240))))
                .get("/code128", (request, response) -> png(response, () -> CodeImages.code128Png(data(request),
                        number(request, "width", 480), number(request, "height", 120))));
    }

    private static void png(ServerResponse response, java.util.function.Supplier<byte[]> image) {
        byte[] png;
        try {
            png = image.get();
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "code-data-invalid", "That cannot be drawn as a code", e.getMessage() + ".");
        }
        response.header(HeaderNames.CONTENT_TYPE, "image/png");
        response.header(HeaderNames.CACHE_CONTROL, "private, max-age=300");
        response.send(png);
    }

    private static String data(ServerRequest request) {
        return request.query().first("data").asOptional().orElseThrow(() -> new ProblemException(400,
                "code-data-missing", "No data to draw", "Give the text to encode as ?data=..."));
    }

    private static int number(ServerRequest request, String name, int fallback) {
        String text = request.query().first(name).asOptional().orElse(Integer.toString(fallback));
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ProblemException(400, "code-size-invalid", "That is not a size",
                    name + " must be a whole number of pixels, but was '" + text + "'.");
        }
    }
}
