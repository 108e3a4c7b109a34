package io.hexgate.network.parser;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.hexgate.common.api.ParserSourceLimit;
import io.quarkus.runtime.Startup;

/** Refuses to start with a parser source limit outside its range, naming the setting, its value and the rule. */
@Singleton
@Startup
public class ParserLimitsCheck {

    @Inject
    ParserLimits limits;

    @PostConstruct
    void check() {
        ParserSourceLimit.check(limits.maxSourceBytes());
    }
}
