"""The intent head: a fine-tuned BERT-family classifier, its out-of-scope detector, and its training."""
