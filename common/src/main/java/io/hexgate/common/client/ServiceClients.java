package io.hexgate.common.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.api.ApiException;
import io.hexgate.common.api.DependencyUnavailableException;
import io.hexgate.common.auth.ServiceCredentials;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * The one way a Hexgate service calls another (STYLE: seams): a Quarkus REST Client of the callee's internal API,
 * at the URL of {@link ServiceUrls}, with a connect timeout of a second and the call's own read timeout, carrying
 * this service's credential for the callee ({@link ServiceCredentials}). What the caller gets back is an answer or
 * one of the API's failures: the callee's 400 and 404 as {@code InvalidRequestException} and
 * {@code ResourceNotFoundException} with its message ({@link CalleeAnswers}), and everything else — any other
 * status, a refused connection, a timeout — as a 503 naming the callee.
 */
@ApplicationScoped
public class ServiceClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    @Inject
    ServiceUrls urls;

    @Inject
    ServiceCredentials credentials;

    @Inject
    ObjectMapper json;

    /** A client of {@code api} (a REST Client interface whose methods return {@link Uni}) on {@code callee}. */
    public <T> T of(Class<T> api, Service callee, Duration timeout) {
        ClientRequestFilter credential = request -> request.getHeaders()
                .putSingle(ServiceCredentials.HEADER, credentials.credentialFor(callee.applicationName()));
        T client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(urls.of(callee))
                .connectTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(credential)
                .register(new CalleeAnswers(callee, json))
                .build(api);
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] { api }, unavailableOnFailure(client, callee)));
    }

    /** Every failure of a call that is not already one of the API's becomes a 503 naming the callee. */
    private static InvocationHandler unavailableOnFailure(Object client, Service callee) {
        return (proxy, method, arguments) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(client, arguments);
            }
            Uni<?> call;
            try {
                call = (Uni<?>) method.invoke(client, arguments);
            } catch (InvocationTargetException e) {
                call = Uni.createFrom().failure(e.getCause());
            }
            return call.onFailure(failure -> !(failure instanceof ApiException)).transform(failure ->
                    new DependencyUnavailableException(callee + " could not be reached; retry", failure));
        };
    }
}
