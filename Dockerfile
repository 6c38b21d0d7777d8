# crosscheck: the Discord bot and CLI in a slim image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Install the package the way the README does (pip, from the package registry,
# with the spaCy pipeline as a dependency), without the test extras.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY storage ./storage
RUN python -m pip install .

# Run as an unprivileged user; the claim store lives on a volume.
RUN useradd --create-home --uid 10001 crosscheck \
    && mkdir -p /data \
    && chown crosscheck:crosscheck /data
USER crosscheck
ENV CROSSCHECK_DB=/data/crosscheck.db
VOLUME ["/data"]

ENTRYPOINT ["crosscheck"]
CMD ["run"]
