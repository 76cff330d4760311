# Handshake Lab: one image, the embedded H2 database under the /data volume.
#   docker build -t handshake-lab .
#   docker run -p 8080:8080 -v handshake-data:/data handshake-lab
# For PostgreSQL: docker build --build-arg DB_KIND=postgresql … and run with QUARKUS_DATASOURCE_JDBC_URL etc.

# --- Build stage: the Maven wrapper builds the application (tests run in CI, not here) ---
FROM eclipse-temurin:17-jdk AS build
ARG DB_KIND=h2
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
RUN ./mvnw -B -ntp package -DskipTests -Dquarkus.datasource.db-kind=${DB_KIND}

# --- Runtime stage: a Java 17 runtime with the built application and the curriculum only ---
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 1001 handshake \
    && useradd --system --uid 1001 --gid handshake --home-dir /app --no-create-home handshake \
    && mkdir -p /app /data \
    && chown handshake:handshake /data
WORKDIR /app
COPY --from=build --chown=handshake:handshake /src/target/quarkus-app/ /app/
COPY --chown=handshake:handshake content /app/content
ENV HANDSHAKE_DATA_DIR=/data \
    HANDSHAKE_CONTENT_DIR=/app/content \
    QUARKUS_HTTP_PORT=8080
VOLUME ["/data"]
EXPOSE 8080
USER handshake
HEALTHCHECK --interval=30s --timeout=5s --retries=5 \
    CMD curl -fsS http://localhost:8080/q/health/ready || exit 1
ENTRYPOINT ["java", "-jar", "/app/quarkus-run.jar"]
