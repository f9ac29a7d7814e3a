package com.crmcardlayouts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * The PostgreSQL connection, declared here so that production reports a missing database setting
 * in the same start-up message as every other missing setting. Local profiles get an embedded
 * database instead (see {@link EmbeddedDatabaseConfigSourceFactory}).
 */
@ConfigMapping(prefix = "")

public interface DatabaseConfig {

    /** e.g. {@code jdbc:postgresql://db.internal:5432/cardlayouts} */
    @WithName("quarkus.datasource.jdbc.url")
    String jdbcUrl();

    @WithName("quarkus.datasource.username")
    String username();

    @WithName("quarkus.datasource.password")
    String password();
}
