"""The "data" of this project is its environment: gymnasium's ``CartPole-v1``.

CartPole is pure Python and ships inside gymnasium (an RLlib dependency), so training reads no
files and downloads nothing; there is no ``--data`` argument. Observations are 4 floats:
cart position, cart velocity, pole angle (radians), pole angular velocity. Actions are
0 (push left) and 1 (push right).
"""

from __future__ import annotations

from typing import Any

ENV_ID = "CartPole-v1"
OBSERVATION_NAMES = ("cart_position", "cart_velocity", "pole_angle", "pole_angular_velocity")
OBSERVATION_SIZE = len(OBSERVATION_NAMES)
NUM_ACTIONS = 2


def make_env(seed: int | None = None) -> Any:
    """A fresh CartPole environment (gymnasium imported here, so tests of the rest need none)."""
    import gymnasium

    env = gymnasium.make(ENV_ID)
    env.reset(seed=seed)
    return env
