"""Line mode: plain printed lines for screen readers, pipes and scripts."""
