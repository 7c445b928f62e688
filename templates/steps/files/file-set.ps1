function Set-RgFileState {
    <#
    .SYNOPSIS
        Brings the file to the wanted state through ShouldProcess: deletes it (Absent), creates it empty (Present),
        sets the JSON property, or puts the exact bytes in place: the source is copied or downloaded to a new file
        beside the target, its SHA-256 checked, and only a matching file replaces the target; a mismatch deletes
        the new file and throws, leaving the target as it was.
    .PARAMETER Step
        The step: Path, Want, Content, Property, Json, Sha256, Source.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $apply = {
        param([string]$path)
        if ($Step.Want -eq 'Absent') {
            if ($PSCmdlet.ShouldProcess('file ' + $path, 'Delete')) {
                Remove-RgFileItem -Path $path
                Write-RgLog -Message ($Step.Id + ': deleted ' + $path)
            }
            return
        }
        switch ([string]$Step.Content) {
            'Json' {
                if ($PSCmdlet.ShouldProcess('file ' + $path, 'Set ' + [string]$Step.Property + ' to ' + [string]$Step.Json)) {
                    Set-RgJsonProperty -Path $path -Property ([string]$Step.Property) -Json ([string]$Step.Json)
                    Write-RgLog -Message ($Step.Id + ': set ' + [string]$Step.Property + ' in ' + $path)
                }
            }
            'Sha256' {
                if ($PSCmdlet.ShouldProcess('file ' + $path, 'Replace with ' + [string]$Step.Source + ' (SHA-256 ' + [string]$Step.Sha256 + ')')) {
                    $new = $path + '.remgen-new'
                    Save-RgDownload -Source ([string]$Step.Source) -Path $new
                    $hash = Get-RgFileHash -Path $new
                    if ($hash -ne [string]$Step.Sha256) {
                        Remove-RgFileItem -Path $new
                        throw ('the SHA-256 of ' + [string]$Step.Source + ' is ' + $hash + ', not ' + [string]$Step.Sha256 + '; ' + $path + ' was not replaced')
                    }
                    Move-RgFile -Path $new -Destination $path
                    Write-RgLog -Message ($Step.Id + ': ' + $path + ' replaced with ' + [string]$Step.Source + ' (SHA-256 verified)')
                }
            }
            default {
                if ($PSCmdlet.ShouldProcess('file ' + $path, 'Create (empty)')) {
                    Write-RgFileText -Path $path -Text ''
                    Write-RgLog -Message ($Step.Id + ': created ' + $path)
                }
            }
        }
    }
    if (-not $Step['Profiles']) {
        & $apply (Resolve-RgFilePath -Path ([string]$Step.Path))
        return
    }
    # Every user's profile: only the profiles whose file is not as wanted.
    foreach ($wrong in @((& ([string]$Step.ProfilesFind) -Step $Step).Wrong)) {
        & $apply ([string]$wrong.Path)
    }
}
