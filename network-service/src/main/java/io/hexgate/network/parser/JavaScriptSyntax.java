package io.hexgate.network.parser;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.hexgate.common.api.FieldErrors;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.unchecked.Unchecked;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;


/**
 * Checks parser code for JavaScript syntax with GraalJS, the engine parser-worker runs it on: the source is
 * parsed as a classic (sloppy) script, never run. One shared engine; a short-lived context per check.
 */
@ApplicationScoped
public class JavaScriptSyntax {

    private final Engine engine = Engine.newBuilder("js")
            .option("engine.WarnInterpreterOnly", "false")
            .build();

    /**
     * Checks each parser on a worker thread and resumes on the caller's Vert.x context (where Hibernate Reactive
     * needs to continue); fails with a 400 naming the field, line and column of the first syntax error.
     */
    public Uni<Void> check(Map<String, ParserCode> parsersByField) {
        Map<String, ParserCode> toCheck = new LinkedHashMap<>();
        parsersByField.forEach((field, code) -> {
            if (code != null && !code.isEmpty()) {
                toCheck.put(field, code);
            }
        });
        if (toCheck.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Callable<FieldErrors> parseAll = () -> {
            FieldErrors errors = new FieldErrors();
            toCheck.forEach((field, code) -> {
                String error = firstError(code.source());
                if (error != null) {
                    errors.add(field, "JavaScript syntax error at " + error);
                }
            });
            return errors;
        };
        Context context = Vertx.currentContext();
        Uni<FieldErrors> parsed = context == null
                ? Uni.createFrom().item(Unchecked.supplier(parseAll::call))
                : Uni.createFrom().completionStage(() -> context.executeBlocking(parseAll, false).toCompletionStage());
        return parsed.invoke(FieldErrors::throwIfAny).replaceWithVoid();
    }

    /** Null when the source parses; else "line L, column C: message". Blocking: never call it on the event loop. */
    public String firstError(String source) {
        try (org.graalvm.polyglot.Context context = org.graalvm.polyglot.Context.newBuilder("js").engine(engine)
                .allowAllAccess(false)
                .option("js.load", "false")
                .option("js.print", "false")
                .build()) {
            context.parse(Source.newBuilder("js", source, "parser.js").buildLiteral());
            return null;
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                return "cannot be parsed: " + e.getMessage();
            }
            SourceSection at = e.getSourceLocation();
            String message = e.getMessage().replaceFirst("^parser\\.js:\\d+:\\d+ ", "").lines().findFirst().orElse("");
            return at == null ? message
                    : "line " + at.getStartLine() + ", column " + at.getStartColumn() + ": " + message;
        }
    }

    @PreDestroy
    void close() {
        engine.close();
    }
}
