# The peer as Airbyte ships a manifest-only connector: airbyte-cdk's source-declarative-manifest on
# Python 3.11 (the Python of Airbyte's python-connector-base), with the connector's manifest.yaml
# where that image looks for one. Built by `make bench` (benchmarks/startup.py) from a context
# holding requirements.txt (our venv's airbyte-cdk version) and the manifest patched for the sandbox.
FROM python:3.11-slim

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /airbyte/integration_code
COPY requirements.txt ./
RUN pip install -r requirements.txt \
 && mkdir source_declarative_manifest \
 && touch source_declarative_manifest/__init__.py \
 && python -c "import shutil, airbyte_cdk.cli.source_declarative_manifest._run as m; shutil.copy(m.__file__, 'source_declarative_manifest/run.py')" \
 && printf 'from source_declarative_manifest.run import run\n\nif __name__ == "__main__":\n    run()\n' > main.py \
 && python -m compileall -q source_declarative_manifest
COPY manifest.yaml source_declarative_manifest/

ENTRYPOINT ["python", "/airbyte/integration_code/main.py"]
