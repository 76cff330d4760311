# Handshake Lab: one image, the embedded H2 database under the /data volume by default.
#   docker build -t handshake-lab .
#   docker run --memory=512m -p 8080:8080 -v handshake-data:/data handshake-lab
# PostgreSQL is configuration only: -e QUARKUS_DATASOURCE_DB_KIND=postgresql -e QUARKUS_DATASOURCE_JDBC_URL=… etc.

# --- Build stage: the Maven wrapper builds the application (tests run in CI, not here). Quarkus fixes the
# database kind at build time, so it is built once per supported kind; ops/entrypoint.sh picks one.
# Campus networks: put the campus CA certificate(s) (PEM, *.crt) in ops/ca/ so Maven trusts a TLS-inspecting
# proxy, and point Maven at a mirror with --build-arg MAVEN_SETTINGS=path/to/settings.xml (inside the build
# context; ops/maven-settings.xml, the default, uses Maven Central). The settings stay in this stage only. ---
FROM eclipse-temurin:17-jdk AS build
ARG MAVEN_SETTINGS=ops/maven-settings.xml
WORKDIR /src
COPY ops/ca/ /usr/local/share/ca-certificates/campus/
RUN for cert in /usr/local/share/ca-certificates/campus/*.crt; do \
      [ -f "$cert" ] && keytool -importcert -cacerts -storepass changeit -noprompt -alias "campus-$(basename "$cert")" -file "$cert"; \
    done; true
COPY ${MAVEN_SETTINGS} /root/.m2/settings.xml
# The dependency layer: only the build files, so a change to the sources does not download every artifact again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline quarkus:go-offline
COPY src src
RUN ./mvnw -B -ntp -o package -DskipTests -Dquarkus.datasource.db-kind=postgresql \
    && mv target/quarkus-app /src/app-postgresql \
    && ./mvnw -B -ntp -o package -DskipTests -Dquarkus.datasource.db-kind=h2 \
    && mv target/quarkus-app /src/app-h2

# --- Runtime stage: a Java 17 runtime with the built application and the curriculum only ---
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 1001 handshake \
    && useradd --system --uid 1001 --gid handshake --home-dir /app --no-create-home handshake \
    && mkdir -p /app /data \
    && chown handshake:handshake /data
WORKDIR /app
COPY --from=build --chown=handshake:handshake /src/app-h2/ /app/h2/
COPY --from=build --chown=handshake:handshake /src/app-postgresql/ /app/postgresql/
COPY --chown=handshake:handshake content /app/content
COPY --chown=handshake:handshake ops/entrypoint.sh ops/class-archive.sh /app/
ENV APP_HOME=/app \
    HANDSHAKE_DATA_DIR=/data \
    HANDSHAKE_CONTENT_DIR=/app/content \
    QUARKUS_DATASOURCE_DB_KIND=h2 \
    QUARKUS_HTTP_PORT=8080 \
    QUARKUS_MANAGEMENT_PORT=9000 \
    JAVA_MAX_RAM_PERCENTAGE=50
# Start-up: one run of the H2 build writes the classes it loads to /app/h2/app-cds.jsa, which ops/entrypoint.sh
# then hands to the JVM (made here, with the runtime's own JVM, as an archive fits only the JVM that wrote it).
RUN sh /app/class-archive.sh /app/h2
VOLUME ["/data"]
# 8080 serves the site and the API; 9000 (the management interface: health and metrics) stays unpublished
# unless Prometheus needs it (-p 127.0.0.1:9000:9000).
EXPOSE 8080
USER handshake
HEALTHCHECK --interval=30s --timeout=5s --retries=5 \
    CMD curl -fsS "http://localhost:${QUARKUS_MANAGEMENT_PORT:-9000}/q/health/ready" || exit 1
ENTRYPOINT ["/app/entrypoint.sh"]
