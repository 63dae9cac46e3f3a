# One image per service from its packaged Quarkus application (mvn package -DskipTests first):
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=intake -t homeward/intake-service .
FROM eclipse-temurin:17-jre
ARG SERVICE
WORKDIR /app
COPY ${SERVICE}-service/target/quarkus-app/ /app/
USER 1000
CMD ["java", "-jar", "quarkus-run.jar"]
