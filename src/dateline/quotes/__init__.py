"""Helpers of the quote stage: quotation-mark regions and speech-verb frames."""
