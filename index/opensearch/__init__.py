"""The engine for archives past one machine: an OpenSearch (or Elasticsearch) server, through the
official `opensearch-py` client and only the part of the API both servers share. Installed with
the extra `newsreader[opensearch]`; the only package that imports `opensearchpy`."""
