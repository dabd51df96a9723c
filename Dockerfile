# The connector as an Airbyte source image: `docker run --rm airbyte/source-stages:<version> spec`.
# Built on the official Python 3.13 slim image, where Airbyte's own base image has 3.11: every
# command starts by importing airbyte-cdk, which is much faster on 3.13 (README "Performance").
# On machines without Docker Hub, ../shared/tools/docker-local.sh provides a local stand-in.
FROM python:3.13-slim AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv --upgrade-deps /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /build

# Dependencies first, from setup.py alone, so that a code or README change rebuilds only the
# last layer (setup.py reads README.md just for the long description: an empty one does here).
COPY setup.py ./
COPY source_stages/version.py source_stages/version.py
RUN touch README.md && pip install .

COPY README.md ./
COPY source_stages/ source_stages/
RUN pip install --no-deps --force-reinstall . \
 && source-stages spec >/dev/null


FROM python:3.13-slim

LABEL io.airbyte.name=airbyte/source-stages
LABEL io.airbyte.version=0.1.0

RUN useradd --create-home --uid 1000 --shell /usr/sbin/nologin airbyte
COPY --from=builder /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH" PYTHONUNBUFFERED=1

WORKDIR /airbyte/integration_code
# the `airbyte` user, by number so that Kubernetes' runAsNonRoot can verify it
USER 1000:1000

ENV AIRBYTE_ENTRYPOINT="source-stages"
ENTRYPOINT ["source-stages"]
