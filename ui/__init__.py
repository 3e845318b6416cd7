"""What people use: the command line (ui/cli) and the Gradio app (ui/app.py)."""
