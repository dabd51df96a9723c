# The connector as an Airbyte source image: `docker run --rm airbyte/source-stages:<version> spec`, and
# with `--target destination-ruddr` the destination's image (`airbyte/destination-ruddr`).
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
COPY stage_apis/version.py stage_apis/version.py
RUN touch README.md && pip install .

COPY README.md ./
COPY stage_apis/ stage_apis/
COPY source_stages/ source_stages/
COPY destination_ruddr/ destination_ruddr/
RUN pip install --no-deps --force-reinstall . \
 && source-stages spec >/dev/null \
 && destination-ruddr spec >/dev/null


# What both images run on: the venv, as the `airbyte` user.
FROM python:3.13-slim AS runtime

RUN useradd --create-home --uid 1000 --shell /usr/sbin/nologin airbyte
COPY --from=builder /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH" PYTHONUNBUFFERED=1

WORKDIR /airbyte/integration_code
# the `airbyte` user, by number so that Kubernetes' runAsNonRoot can verify it
USER 1000:1000


# The destination's image: `docker build --target destination-ruddr .`
FROM runtime AS destination-ruddr

LABEL io.airbyte.name=airbyte/destination-ruddr
LABEL io.airbyte.version=0.1.0

ENV AIRBYTE_ENTRYPOINT="destination-ruddr"
ENTRYPOINT ["destination-ruddr"]


# The source's image, the default target.
FROM runtime

LABEL io.airbyte.name=airbyte/source-stages
LABEL io.airbyte.version=0.1.0

ENV AIRBYTE_ENTRYPOINT="source-stages"
ENTRYPOINT ["source-stages"]
