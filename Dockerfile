# Builds the mutasi executable and a small runtime image with it, its resources and sql/.
FROM swift:6.1-bookworm AS build
WORKDIR /src
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product mutasi --static-swift-stdlib \
 && mkdir /staging \
 && cp "$(swift build -c release --show-bin-path)/mutasi" /staging/ \
 && cp -R "$(swift build -c release --show-bin-path)"/*.resources /staging/ 2>/dev/null || true

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libcurl4 libxml2 tzdata chromium fonts-liberation \
 && rm -rf /var/lib/apt/lists/* && useradd --system --home /app mutasi
WORKDIR /app
COPY --from=build /staging/ /app/
COPY sql /app/sql
ENV SQL_DIR=/app/sql HOST=0.0.0.0 PORT=8080
USER mutasi
EXPOSE 8080
ENTRYPOINT ["/app/mutasi"]
CMD ["serve"]
