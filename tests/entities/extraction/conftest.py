import pytest

from entities.extraction import Extractor
from entities.kinds import ORGANISATION, PERSON, REGION


@pytest.fixture(scope="session")
def extract():
    """Run the extractor (empty newsroom) and return {kind: {name: proposal}}."""
    extractor = Extractor()

    def run(text, **kwargs):
        found = {PERSON: {}, ORGANISATION: {}, REGION: {}}
        for proposal in extractor.extract(text, **kwargs):
            if proposal.kind in found:
                found[proposal.kind][proposal.code or proposal.name] = proposal
        return found

    return run
