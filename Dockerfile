# The connector as an Airbyte source image: `docker run --rm airbyte/source-stages:<version> spec`, and
# with `--target destination-ruddr` the destination's image (`airbyte/destination-ruddr`).
# Built on the official Python 3.13 slim image, where Airbyte's own base image has 3.11: every
# command starts by importing airbyte-cdk, which is much faster on 3.13 (docker_tests/README.md).
# On machines without Docker Hub, ../shared/tools/docker-local.sh provides a local stand-in.
FROM python:3.13-slim AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
# The venv gets no pip: the base image's pip installs into it (--python), so that no packaging
# toolchain (pip, setuptools, wheel) is copied into the runtime image.
RUN python -m venv --without-pip /opt/venv
WORKDIR /build

# Only the distributions the connectors import at run time, pinned: image-requirements.txt, which
# `make image-requirements` derives from what the connector processes of the test suite imported.
# Not airbyte-cdk's full dependency set: that also serves file-based, vector-DB and declarative
# connectors, and pandas, numpy, grpcio, google-*, nltk, rapidfuzz, rich, dateparser, setuptools ...
# are never imported by these connectors (hence --no-deps). `make docker-test` imports every
# recorded module in the images and runs the fault matrix and the destination's writes in them.
# `pip install source-stages` outside the images still installs airbyte-cdk with all it declares.
COPY image-requirements.txt ./
RUN pip --python /opt/venv/bin/python install --no-deps -r image-requirements.txt

COPY setup.py ./
COPY stage_apis/ stage_apis/
COPY source_stages/ source_stages/
COPY destination_ruddr/ destination_ruddr/
RUN pip --python /opt/venv/bin/python install --no-deps . \
 && /opt/venv/bin/source-stages spec >/dev/null \
 && /opt/venv/bin/destination-ruddr spec >/dev/null


# What both images run on: the venv, as the `airbyte` user. The base image's own pip goes too:
# nothing runs it, and an image scanner would report it.
FROM python:3.13-slim AS runtime

RUN python -m pip uninstall --yes --quiet pip setuptools wheel \
 && useradd --create-home --uid 1000 --shell /usr/sbin/nologin airbyte
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
