"""A local stand-in for S3-compatible object storage: moto in server mode on
127.0.0.1 (a real HTTP endpoint, reached through boto3 and django-storages
exactly as a cloud bucket would be), and the storage settings that
site/settings/production.py makes for MEDIA_STORAGE=s3."""

import json

import boto3
from moto.server import ThreadedMotoServer

from tests.ops.redis import closed_port

ACCESS_KEY = "newsroom-test"
SECRET_KEY = "newsroom-test-secret"  # noqa: S105 - moto accepts any key
REGION = "us-east-1"


PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::*/*",
        }
    ],
}


class MotoS3:
    def __init__(self, bucket="newsroom-media"):
        self.port = closed_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.bucket = bucket
        self.server = ThreadedMotoServer(
            ip_address="127.0.0.1", port=self.port, verbose=False
        )

    def __enter__(self):
        self.server.start()
        client = self.client()
        client.create_bucket(Bucket=self.bucket)
        # Readers fetch pictures straight from the bucket (querystring_auth
        # is off): anyone may read, as docs/deploy.md asks of a real one.
        client.put_bucket_policy(Bucket=self.bucket, Policy=json.dumps(PUBLIC_READ))
        return self

    def __exit__(self, *exc):
        self.server.stop()

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def keys(self) -> list[str]:
        pages = (
            self.client().get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        )
        return sorted(
            item["Key"] for page in pages for item in page.get("Contents", [])
        )

    def empty(self) -> None:
        client = self.client()
        for key in self.keys():
            client.delete_object(Bucket=self.bucket, Key=key)

    @property
    def media_url(self) -> str:
        return f"{self.endpoint}/{self.bucket}/"

    def storage(self) -> dict:
        """STORAGES["default"] as production.py sets it for this bucket."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": self.bucket,
                "endpoint_url": self.endpoint,
                "region_name": REGION,
                "custom_domain": None,
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": None,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
            },
        }

    def environment(self) -> dict:
        """The environment production.py reads for this bucket."""
        return {
            "MEDIA_STORAGE": "s3",
            "S3_BUCKET": self.bucket,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }
